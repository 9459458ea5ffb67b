/**
 * Before the end-to-end suite: the web client must be built from the current sources (a no-op
 * when `dist/client` is already fresh), since the journeys run against the built client that
 * `npm start` serves.
 */
import { ensureClientBuild } from '../../../client/scripts/ensure-client-build.ts';

export default async function setup(): Promise<void> {
  await ensureClientBuild();
}
