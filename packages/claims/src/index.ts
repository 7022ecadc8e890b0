export * from "./checkworthiness";
export * from "./normalize";
export * from "./sentences";
export * from "./context";
