import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Reads for the hot path (docs/performance.md §3): SQL written once, when the app starts, from the entity's
 * metadata, and rows hydrated with the driver's own conversions (dates, booleans, transformers), so that a
 * request pays for its query and nothing else. TypeORM's query builder composes, escapes and re-parses the same
 * SQL on every call and walks the result through its generic transformer; on the status endpoint that was a
 * third of the CPU. Same tables, same column types, same values as the repositories read.
 */
export class LeanTable<T extends ObjectLiteral> {
  /** The quoted table name. */
  readonly table: string;
  private readonly columns = new Map<string, ColumnMetadata>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.table = dataSource.driver.escape(metadata.tableName);
    for (const column of metadata.columns) this.columns.set(column.propertyName, column);
  }

  /** The quoted column of a property, prefixed by `alias.` when given. */
  column(property: keyof T & string, alias?: string): string {
    const name = this.dataSource.driver.escape(this.metadataOf(property).databaseName);
    return alias ? `${alias}.${name}` : name;
  }

  /** A select list of these properties, each named `<alias>_<property>` in the result. */
  select(properties: ReadonlyArray<keyof T & string>, alias: string): string {
    return properties
      .map((p) => `${this.column(p, alias)} AS ${this.dataSource.driver.escape(`${alias}_${p}`)}`)
      .join(', ');
  }

  /**
   * Reads rows selected with select(properties, alias) back into entities: the result keys and the columns are
   * looked up once, here, not for every value of every row.
   */
  reader(properties: ReadonlyArray<keyof T & string>, alias: string): (row: Record<string, unknown>) => T {
    const metadata = this.dataSource.getMetadata(this.entity);
    const driver = this.dataSource.driver;
    const fields = properties.map((property) => ({
      property,
      key: `${alias}_${property}`,
      column: this.metadataOf(property),
    }));
    return (row) => {
      const entity = metadata.create() as Record<string, unknown>;
      for (const { property, key, column } of fields) entity[property] = driver.prepareHydratedValue(row[key], column);
      return entity as T;
    };
  }

  private metadataOf(property: string): ColumnMetadata {
    const column = this.columns.get(property);
    if (!column) throw new Error(`${String(this.table)} has no column for ${property}`);
    return column;
  }
}
