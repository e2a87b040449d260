export { eventually, waitFor, type PollOptions } from './poll';
