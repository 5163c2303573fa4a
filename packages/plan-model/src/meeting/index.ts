/** The progress meeting (point d'avancement): MEET-1..6. */
export * from './meeting.ts';
