import { openDatabase } from "./boot";
import { loadConfig } from "./config";
import { seedDatabase } from "./seed";

// `npm run seed`: migrate, then load demo users and seed articles (idempotent).
const config = loadConfig();
const { database } = await openDatabase(config);
try {
  const seeded = await seedDatabase(database.db, {
    ...config.seed,
    threshold: config.claimThreshold,
    publicUrl: config.publicUrl,
  });
  console.log(
    `Seed: ${seeded.files} article files; created ${seeded.articles} articles, ${seeded.claims} claims, ${seeded.users} users. The job workers (the app, or \`factdesk worker --until-idle\`) add what the sentence encoder finds and suggest links.`,
  );
} finally {
  await database.close();
}
