package io.servicequality.complaint.lifecycle;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * All complaints, for numbering and background work on each complaint in its own tenant; requests read complaints
 * through the caller's scope ({@code ComplaintService#get}).
 */
interface Complaints extends MongoRepository<Complaint, String> {}
