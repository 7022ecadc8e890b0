export * from "./after-commit";
export * from "./audit";
export * from "./backup";
export * from "./client";
export * from "./errors";
export * from "./jobs";
export * from "./roles";
export * from "./schema";
