import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// Every outbound call must go to a server the test started on loopback, or to a nock interceptor.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
});

afterEach(() => {
  nock.cleanAll();
});
