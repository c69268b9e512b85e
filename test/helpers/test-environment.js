'use strict';
/*
 * Jest's node environment, plus a quick exit for the worker process that loads it. Plain
 * JavaScript: Jest loads the environment in the worker itself, outside the tests' sandbox, once
 * per worker.
 *
 * "A worker process has failed to exit gracefully" was not a leaked handle: measured in the
 * workers (a probe logging process._getActiveHandles() from Jest's request to end onward), the
 * event loop is empty and Node emits 'exit' 1-5 ms after the request. What then takes over Jest's
 * 500 ms on a loaded machine is Node tearing the process down after a natural exit: it disposes
 * the V8 isolate, freeing a heap of 0.5-2 GB and the WebAssembly memories of the embedded
 * databases the worker has opened. process.exit() ends the process without that teardown, and
 * when the loop has drained by itself (the only time 'exit' comes without an explicit exit) there
 * is nothing left to lose: no pending write, no open socket, no timer.
 */
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

if (process.send && process.env.JEST_WORKER_ID) {
  // 'beforeExit' comes when the loop has drained by itself; the 'exit' listener added then runs
  // after every other one, and process.exit() called while exiting only ends the process.
  process.once('beforeExit', () => process.once('exit', (code) => process.exit(code)));
}

module.exports = NodeEnvironment;
