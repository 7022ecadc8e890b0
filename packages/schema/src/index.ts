export * from "./colour";
export * from "./enums";
export * from "./errors";
export * from "./inputs";
export * from "./markdown";
export * from "./revision-diff";
export * from "./slug";
export * from "./workflow";
