/**
 * What search finds, derived from the curriculum: each lesson (title, summary and body as plain
 * text), each exercise (title and instructions) and each quiz question's prompt — never an answer,
 * an explanation, a hidden check or a solution.
 */
import { createHash } from 'node:crypto';
import type { Curriculum } from '@backpath/curriculum';

export interface SearchDocument {
  id: string;
  kind: 'lesson' | 'exercise' | 'question';
  /** The page it opens: a topic, exercise or quiz id. */
  ref: string;
  topicId: string | null;
  title: string;
  body: string;
}

/** Markdown to the words a reader sees: no fences, markers, link targets or HTML tags. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^```.*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[`*_~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchDocuments(curriculum: Curriculum): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const topic of curriculum.topics.values()) {
    docs.push({
      id: `lesson:${topic.id}`,
      kind: 'lesson',
      ref: topic.id,
      topicId: topic.id,
      title: topic.title,
      body: `${topic.summary} ${plainText(topic.body)}`,
    });
  }
  for (const exercise of curriculum.exercises.values()) {
    docs.push({
      id: `exercise:${exercise.id}`,
      kind: 'exercise',
      ref: exercise.id,
      topicId: exercise.topic,
      title: exercise.title,
      body: plainText(exercise.instructions),
    });
  }
  for (const quiz of curriculum.quizzes.values()) {
    for (const q of quiz.questions) {
      // The prompt and the choices a learner sees before answering; which choice is right is not indexed.
      const choices = q.type === 'short' ? [] : q.choices.map((c) => c.text);
      docs.push({
        id: `question:${quiz.id}.${q.id}`,
        kind: 'question',
        ref: quiz.id,
        topicId: quiz.topic,
        title: plainText(q.prompt),
        body: plainText(choices.join(' · ')),
      });
    }
  }
  return docs;
}

export function checksum(docs: SearchDocument[]): string {
  return createHash('sha256').update(JSON.stringify(docs)).digest('hex');
}
