import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { parseNodeConfig } from '../../../engine/parse-node-config.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { deviceGeoFencingNode } from './device-geo-fencing-node.ts';
import { DEVICE_PROFILE } from './device-profile-state.ts';

const config = { locations: ['50.8503,4.3517', ' 48.8566 , 2.3522 '], distance: '10' };
const at = (location: unknown) => ({ [DEVICE_PROFILE]: { identifier: 'dev-1', location } });

describe('DeviceGeoFencingNode', () => {
  it('leaves by true within distance km of any trusted location', async () => {
    assert.deepEqual((await runNode(deviceGeoFencingNode, { config, shared: at({ latitude: 50.86, longitude: 4.36 }) })).action, goTo('true'));
    assert.deepEqual((await runNode(deviceGeoFencingNode, { config, shared: at({ latitude: 48.86, longitude: 2.35 }) })).action, goTo('true'));
  });

  it('leaves by false outside every trusted zone', async () => {
    assert.deepEqual((await runNode(deviceGeoFencingNode, { config, shared: at({ latitude: 51.2194, longitude: 4.4025 }) })).action, goTo('false'));
  });

  it('leaves by false when the user refused to share the location (the SDK sends {})', async () => {
    assert.deepEqual((await runNode(deviceGeoFencingNode, { config, shared: at({}) })).action, goTo('false'));
  });

  it('ends the journey when no location was collected, as AM', async () => {
    assert.deepEqual((await runNode(deviceGeoFencingNode, { config, shared: { [DEVICE_PROFILE]: { identifier: 'dev-1' } } })).action, fail());
  });

  it('refuses a config without trusted locations or with one that is not "<latitude>,<longitude>"', () => {
    assert.equal(parseNodeConfig(deviceGeoFencingNode, { locations: [] }).ok, false);
    assert.equal(parseNodeConfig(deviceGeoFencingNode, { locations: ['Brussels'] }).ok, false);
    assert.equal(parseNodeConfig(deviceGeoFencingNode, { locations: ['50.85,4.35'] }).ok, true);
  });
});
