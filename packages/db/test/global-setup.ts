import type { TestProject } from "vitest/node";
import { dropTestTemplate, prepareTestTemplate } from "../src/testing";

// Runs once per `vitest` run: migrate a template database that every test file copies.
export default async function setup(project: TestProject) {
  const template = await prepareTestTemplate(process.env.TEST_DATABASE_URL || undefined);
  project.provide("testDatabaseTemplate", template);
  return () => dropTestTemplate(template);
}
