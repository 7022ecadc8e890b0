export * from "./attribution";
export * from "./checkworthiness";
export * from "./clean";
export * from "./context";
export * from "./normalize";
export * from "./sentences";
export * from "./similarity";
