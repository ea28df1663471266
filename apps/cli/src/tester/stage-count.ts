/** How many capstone stages there are, without loading them (for option help text); a test keeps it equal to STAGES.length. */
export const STAGE_COUNT = 11;
