export * from "./enums";
export * from "./errors";
export * from "./inputs";
export * from "./slug";
export * from "./workflow";
