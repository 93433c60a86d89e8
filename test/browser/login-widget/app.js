/**
 * The app of the Login Widget browser test: configures ForgeRock's Login Widget with the Arbor
 * named by the page's `?arbor=` (its base URL; realm alpha, session only: no OAuth, no user info), mounts it
 * inline, starts the journey named by `?journey=` (Login by default) and writes what happens into
 * `#journey-status` (`loading`, `step`, `successful`, `failed`) and, after a success, who Arbor says
 * the session belongs to (a credentialed `idFromSession` call from this origin) into `#session-user`
 * (Arbor's status, such as `401`, when there is no session). `#sign-out` signs out with the widget's
 * `user.logout()` and asks again.
 */
import Widget, { configuration, journey, user } from '/widget/index.js';

const root = document.getElementById('widget-root');
const status = document.getElementById('journey-status');
const sessionUser = document.getElementById('session-user');
const query = new URL(window.location.href).searchParams;
const arbor = query.get('arbor');
const tree = query.get('journey') ?? 'Login';

configuration().set({
  forgerock: { serverConfig: { baseUrl: `${arbor}/am/`, timeout: 10000 }, realmPath: 'alpha' },
  links: { termsAndConditions: new URL('/terms', window.location.href).href },
});
new Widget({ target: root, props: { type: 'inline' } });

/** Asks Arbor, with the session cookie the journey set, whose session this is. */
async function whoIsSignedIn() {
  const response = await fetch(`${arbor}/am/json/realms/root/realms/alpha/users?_action=idFromSession`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'accept-api-version': 'protocol=1.0,resource=2.0', 'content-type': 'application/json' },
    body: '{}',
  });
  const body = await response.json();
  sessionUser.textContent = response.ok ? body.id : `${response.status}`;
}

const events = journey({ oauth: false, user: false });
let reported = false;
events.subscribe((event) => {
  if (event.journey.successful) {
    status.textContent = 'successful';
    status.dataset.realm = event.journey.response?.realm ?? '';
    if (!reported) {
      reported = true;
      whoIsSignedIn().catch((error) => (sessionUser.textContent = `error: ${error.message}`));
    }
  } else if (event.journey.error) {
    status.textContent = 'failed';
    status.dataset.message = event.journey.error.message ?? '';
  } else if (event.journey.loading) {
    status.textContent = 'loading';
  } else if (event.journey.step) {
    status.textContent = 'step';
  }
});
events.start({ journey: tree });

document.getElementById('sign-out').addEventListener('click', async () => {
  sessionUser.textContent = '';
  await user.logout();
  await whoIsSignedIn();
});
