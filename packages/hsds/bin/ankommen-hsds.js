#!/usr/bin/env node
// Committed entry point, so that npm links the command at install time, before the first build.
import '../dist/bin.js';
