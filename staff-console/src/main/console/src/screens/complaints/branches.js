// The branches a user works with, from the branch directory (reporting-service): all of the tenant's for an
// unscoped user, otherwise the user's branches and those of the user's regions — the same scope complaint-service
// applies, used for the branch filter and the branch of a new complaint.
import { getJson } from '../../api.js';
import { currentUser } from '../../session.js';

let directory = null;

export async function branchesInScope() {
  if (!directory) {
    try {
      directory = await getJson('/api/v1/branches');
    } catch {
      directory = [];
    }
  }
  const user = currentUser();
  const scoped = user.branches.length > 0 || user.regions.length > 0;
  const ids = directory
    .filter((b) => !scoped || user.branches.includes(b.branchId) || user.regions.includes(b.regionId))
    .map((b) => b.branchId);
  // a branch of the token the directory does not know yet is still the user's
  for (const id of user.branches) if (!ids.includes(id)) ids.push(id);
  return ids.sort();
}
