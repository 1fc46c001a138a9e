/**
 * What every steering figure carries beside its value (issue 20): a stable id, its name and its
 * definition in the three languages of the interface, what its share is a share of, and how a mean
 * over groups is formed — so the screen, the export and docs/steering.md say the same thing.
 */

/** Words in the three languages of the interface. */
export interface Words {
  readonly nb: string;
  readonly nn: string;
  readonly en: string;
}

/** What a figure's share is a share of; null: a count without a share. */
export type ShareOf = 'decisions' | 'refusals' | 'answers' | 'refused_persons' | null;

export interface FigureDefinition<Id extends string = string> {
  readonly id: Id;
  readonly name: Words;
  readonly definition: Words;
  /** What the share is of (null: a count, or a figure that is not a share). */
  readonly of: ShareOf;
  /**
   * How a mean over several groups (or users) is formed: weighted (pooled: each group counts by its
   * n), unweighted (each group counts once), or none (a count, summed).
   */
  readonly mean: 'weighted' | 'unweighted' | 'none';
}

/** The definitions as served: each with its id, words, share and mean. */
export function servedDefinitions<Id extends string>(ids: readonly Id[], defs: Readonly<Record<Id, FigureDefinition<Id>>>): FigureDefinition<Id>[] {
  return ids.map((id) => defs[id]);
}
