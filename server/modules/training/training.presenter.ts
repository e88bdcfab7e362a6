/**
 * The only way training rows become API objects (domain/training.ts). The public shape is built
 * here too, from the same rows, and leaves out who maintains the entry.
 */
import type { PublicTrainingItem, TrainingFile, TrainingItem, TrainingSummary } from '../../../domain/training.ts';
import type { TrainingFileRow, TrainingRow } from './training.store.ts';

export function presentTrainingSummary(row: TrainingRow): TrainingSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    provider: row.provider,
    audiences: row.audiences,
    topics: row.topics,
    languages: row.languages,
    format: row.format,
    level: row.level,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    location: row.location,
    public: row.public,
    fileCount: row.file_count,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentTrainingFile(row: TrainingFileRow): TrainingFile {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

export function presentTrainingItem(row: TrainingRow, files: TrainingFileRow[], allowed: TrainingItem['allowed']): TrainingItem {
  return {
    ...presentTrainingSummary(row),
    description: row.description,
    links: row.links,
    files: files.map(presentTrainingFile),
    organisation: { id: row.organisation_id, name: row.organisation_name },
    createdBy: row.created_by_label,
    createdAt: row.created_at.toISOString(),
    version: row.version,
    allowed,
  };
}

export function presentPublicTrainingItem(row: TrainingRow, files: TrainingFileRow[]): PublicTrainingItem {
  return { ...presentTrainingSummary(row), description: row.description, links: row.links, files: files.map(presentTrainingFile) };
}
