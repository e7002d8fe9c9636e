-- Crypto-shredding (issue 6): one AES-256 key per user. Event fields marked @PersonalData and the userId of every
-- event's metadata are stored encrypted with the key of the user whose command caused the event
-- (PersonalDataSealer). Deleting the user (DELETE /api/me) deletes this row, after which nothing the event store
-- keeps of them can be read. key_id, not user_id, is what the ciphertexts name, so a stored event does not say
-- whose it is.
CREATE TABLE personal_data_keys (
  user_id VARCHAR(255) NOT NULL PRIMARY KEY,
  key_id UUID NOT NULL UNIQUE,
  key_material BYTEA NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
