import { run as kbRetrieval } from './kb-retrieval.js';

// Each benchmark prints its own table; they run in sequence so timings do not interfere.
for (const bench of [kbRetrieval]) await bench();
