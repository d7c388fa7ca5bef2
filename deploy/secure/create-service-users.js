// Runs once, when the MongoDB volume is first initialised (docker-entrypoint-initdb.d): one user per service, each
// allowed to read and write its own database only (SPEC §2: no service reads another's database).
const services = {
  feedback: process.env.SQP_MONGO_FEEDBACK_PASSWORD,
  complaint: process.env.SQP_MONGO_COMPLAINT_PASSWORD,
  scoring: process.env.SQP_MONGO_SCORING_PASSWORD,
  reporting: process.env.SQP_MONGO_REPORTING_PASSWORD,
};
for (const [name, password] of Object.entries(services)) {
  if (!password) {
    throw new Error(`SQP_MONGO_${name.toUpperCase()}_PASSWORD is not set`);
  }
  db.getSiblingDB(name).createUser({ user: name, pwd: password, roles: [{ role: "readWrite", db: name }] });
}
