#!/usr/bin/env -S node --max-semi-space-size=64
import { main } from '../dist/cli/main.js';

await main(process.argv);
