/**
 * How the load test's people behave between two actions: they pause, and come back on a new
 * connection, which autocannon alone does not do.
 */
import type autocannon from 'autocannon';

/**
 * A person's pause between an answer and their next action, and a fresh connection for each
 * action (a person who paused longer than the server keeps an idle connection, 5 s, would
 * find it closed; a request written as the server closes its side would be lost). autocannon
 * sends the next request on the same connection the moment an answer arrives (its rate
 * options offer at least one request a second per connection), so this wraps the client's
 * send step — autocannon 9's `Client#_doRequest`, `_resetConnection` and request timer, which
 * are not public API; the test fails loudly if they disappear. The latency autocannon
 * records still starts when the request is written.
 *
 * @param client the connection.
 * @param pauseMs draws the next pause, in milliseconds.
 */
export function pauseBetweenActions(client: autocannon.Client, pauseMs: () => number): void {
  const inner = client as unknown as AutocannonClientInternals;
  const send = inner._doRequest?.bind(client);
  const reconnect = inner._resetConnection?.bind(client);
  const timeout = inner.timeout;
  if (send === undefined || reconnect === undefined || timeout === undefined) {
    throw new Error('autocannon changed its Client internals: adapt pauseBetweenActions');
  }
  let scheduled: NodeJS.Timeout | undefined;
  let sendNow = false;
  inner._doRequest = () => {
    // The new connection made below asks to send: now, without another pause.
    if (sendNow) {
      sendNow = false;
      send();
      return;
    }
    // A reconnection (the server closed an idle connection) asks while the pause runs.
    if (scheduled !== undefined) return;
    const pause = pauseMs();
    // autocannon times a request out from when it was written; not during the pause (its
    // timer is made after setupClient, hence looked up here).
    if (inner.timeoutTicker === undefined) {
      throw new Error('autocannon changed its Client internals: adapt pauseBetweenActions');
    }
    inner.timeoutTicker.reschedule(pause + timeout);
    scheduled = setTimeout(() => {
      scheduled = undefined;
      if (inner.destroyed === true) return;
      sendNow = true;
      reconnect();
    }, pause);
  };
}

/** What {@link pauseBetweenActions} reaches inside an autocannon 9 client. */
interface AutocannonClientInternals {
  _doRequest?: () => void;
  /** Drops the connection (and any request pending on it) and opens a new one. */
  _resetConnection?: () => void;
  timeoutTicker?: { reschedule(ms: number): void };
  /** The request timeout, in milliseconds. */
  timeout?: number;
  destroyed?: boolean;
}
