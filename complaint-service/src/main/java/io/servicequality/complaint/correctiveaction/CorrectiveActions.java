package io.servicequality.complaint.correctiveaction;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Stored corrective actions: insert and save; reads go through the caller's scope ({@code CallerAccess#scope()}). */
interface CorrectiveActions extends MongoRepository<CorrectiveAction, String> {}
