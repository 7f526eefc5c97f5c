// Identifier shapes shared by routes and clients.
import { z } from 'zod';

/** A UUID as stored in the database. */
export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });
