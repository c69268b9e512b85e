'use strict';
// Jest's own order (slowest first, from the timings of earlier runs), plus one thing: it leaves the
// list of selected test files where the global setup (test/helpers/global-setup.ts) reads it, so a
// run of unit tests alone neither builds dist/ nor seeds a template database. Jest sorts the tests
// before it runs the global setup, in the same process. Plain JavaScript: Jest loads the sequencer
// without transforming it.
const Sequencer = require('@jest/test-sequencer').default;

const SELECTED = Symbol.for('qingdao-directory.selected-test-files');

class SelectionRecordingSequencer extends Sequencer {
  sort(tests) {
    globalThis[SELECTED] = tests.map((test) => test.path);
    return super.sort(tests);
  }
}

module.exports = SelectionRecordingSequencer;
