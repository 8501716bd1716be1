import packageJson from "@/package.json";

export const BALLAST_VERSION: string = packageJson.version;
