export * from "./audit";
export * from "./client";
export * from "./schema";
