/**
 * Re-seals every secret at rest with MONTAGE_ENCRYPTION_KEY (values sealed with a key listed in
 * MONTAGE_ENCRYPTION_OLD_KEYS, or plain text from before encryption). See README "Secrets at rest".
 */
import { closeDb, getDb } from '../db/client';
import { sealSecretsAtRest } from '../lib/server/security/secrets-at-rest';

const sealed = await sealSecretsAtRest(await getDb());
console.log(JSON.stringify({ resealed: sealed }));
await closeDb();
