// Types for scripts/db-schemas.mjs, which the schema-drift test imports.
export declare const SOURCE: string;
export declare const POSTGRES_SCHEMA: string;
export declare function postgresSchemaFrom(source: string): string;
