import { builtInCatalog } from '../../lib/catalog/catalog';

/**
 * GCP Pub/Sub takes no IAM conditions, so every Pub/Sub permission of a custom role bound on the
 * project reaches every topic and subscription of the project (issue 24, "GCP: Pub/Sub is
 * project-wide"). The adversarial vendor, holding every built-in set at once, would:
 * - attach a subscription in its own project to any topic of the customer's project
 *   (`pubsub.topics.attachSubscription` on the customer's topic is all it needs there);
 * - repoint any subscription's push endpoint at its own server (`pubsub.subscriptions.update`);
 * - name its own service account as a subscriber in a topic's or subscription's IAM policy;
 * - squat another deployment's topic or subscription names (creation is checked on the project).
 * Each keeps delivering every message after the trust is gone. None of these permissions is
 * granted by any built-in set; what the catalog grants on Pub/Sub is reading, publishing and
 * consuming, and the sets Alien assigns for a Live queue refuse the rest in writing.
 */
const catalog = builtInCatalog();
const sets = catalog.sets;
const pubsubGrants = sets.flatMap((s) => (s.gcp?.permissions ?? []).filter((p) => p.startsWith('pubsub.')).map((p) => `${s.id} ${p}`));

/** The only Pub/Sub permissions a built-in set may hold: none attaches, repoints, creates or writes a policy. */
const READ_PUBLISH_CONSUME = new Set([
  'pubsub.topics.get',
  'pubsub.topics.publish',
  'pubsub.subscriptions.get',
  'pubsub.subscriptions.consume',
]);

describe('with the whole catalog granted, the vendor', () => {
  test.each([
    ['attach a subscription of its own project to a topic of the customer', 'pubsub.topics.attachSubscription'],
    ["repoint a subscription's push endpoint", 'pubsub.subscriptions.update'],
    ["name itself in a topic's IAM policy", 'pubsub.topics.setIamPolicy'],
    ["name itself in a subscription's IAM policy", 'pubsub.subscriptions.setIamPolicy'],
    ['create subscriptions under any name', 'pubsub.subscriptions.create'],
    ['create topics under any name', 'pubsub.topics.create'],
    ['change any topic of the project', 'pubsub.topics.update'],
  ])('cannot %s (%s)', (_, permission) => {
    expect(pubsubGrants.filter((g) => g.endsWith(` ${permission}`))).toEqual([]);
  });

  test('holds only read, publish and consume on Pub/Sub, and the catalog does hold those', () => {
    expect(pubsubGrants.filter((g) => !READ_PUBLISH_CONSUME.has(g.split(' ')[1]))).toEqual([]);
    // The check above looks at real grants: the data sets' publish and consume are there.
    expect(pubsubGrants).toEqual(
      expect.arrayContaining(['queue/data-write pubsub.topics.publish', 'queue/data-read pubsub.subscriptions.consume']),
    );
  });
});

describe('the sets Alien assigns refuse what a Live Pub/Sub queue would need, in writing', () => {
  test('queue/provision grants nothing on GCP and says why', () => {
    const set = catalog.get('queue/provision')!;
    expect(set.gcp).toBeUndefined();
    expect(set.unsupported?.gcp).toMatch(/no IAM conditions/);
  });

  test('queue/management refuses the topic and subscription updates (push endpoints) with the reason', () => {
    const refusal = catalog.get('queue/management')!.refuses?.find((r) => r.permissions.includes('pubsub.subscriptions.update'));
    expect(refusal?.permissions).toEqual(expect.arrayContaining(['pubsub.subscriptions.update', 'pubsub.topics.update']));
    expect(refusal?.reason).toMatch(/push endpoint/);
  });
});
