export * from "./audit";
export * from "./client";
export * from "./errors";
export * from "./schema";
