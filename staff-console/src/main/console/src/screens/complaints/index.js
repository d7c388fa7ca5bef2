// The complaint workbench: the queue, opening a complaint, one complaint. '/complaints/new' comes before
// '/complaints/:id' so the router does not take "new" for an id.
import * as queue from './queue.js';
import * as open from './open.js';
import * as detail from './detail.js';

export const routes = [...queue.routes, ...open.routes, ...detail.routes];
