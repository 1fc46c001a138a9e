import type { CriteriaRules } from '../../domain/criteria/criteriaSet.ts';
import { HOME_NURSING, LONG_TERM_STAY, PRACTICAL_HELP } from './municipal.ts';
import { PSYCHIATRIC_HOME_SERVICES } from './psychiatric.ts';

/** The demo criteria sets every demo municipality starts from. */
export const DEMO_CRITERIA: readonly CriteriaRules[] = [PSYCHIATRIC_HOME_SERVICES, HOME_NURSING, PRACTICAL_HELP, LONG_TERM_STAY];
