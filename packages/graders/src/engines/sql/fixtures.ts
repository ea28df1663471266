/** Sample sql exercises for the tests and the benchmark. */
import type { ExerciseOfKind } from '@backpath/contracts';

const common = {
  topic: 'sql-basics',
  difficulty: 'beginner' as const,
  instructions: 'Write the query the exercise asks for, against the tables below.',
  starter: '',
  hints: ['Start from the customers table.'],
};

export const SETUP = `
  CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, city text);
  CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2), placed_on date);
  INSERT INTO customers VALUES (1, 'Ada', 'London'), (2, 'Grace', 'New York'), (3, 'Linus', 'Helsinki'), (4, 'Barbara', 'Boston');
  INSERT INTO orders VALUES (10, 1, 25.50, '2024-01-03'), (11, 1, 10.00, '2024-02-01'), (12, 2, 99.99, '2024-02-10'), (13, 3, 5.25, '2024-03-01');
`;

/** Names of customers who placed at least one order, alphabetically. */
export const orderedQuery: ExerciseOfKind<'sql'> = {
  ...common,
  id: 'customers-with-orders',
  title: 'Customers with orders',
  kind: 'sql',
  solution: 'SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY c.name;',
  sql: {
    setup: SETUP,
    mode: 'query',
    ordered: true,
    checks: [
      { name: 'returns the customers with orders, by name' },
      {
        name: 'works with more data',
        hidden: true,
        extraSetup:
          "INSERT INTO customers VALUES (5, 'Alan', 'Wilmslow'); INSERT INTO orders VALUES (14, 5, 1.00, '2024-04-01');",
      },
    ],
  },
};

/** Total spent per customer; any order, any column names, numeric tolerance. */
export const unorderedTotals: ExerciseOfKind<'sql'> = {
  ...common,
  id: 'totals-per-customer',
  title: 'Totals per customer',
  kind: 'sql',
  solution:
    'SELECT c.name, sum(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;',
  sql: {
    setup: SETUP,
    mode: 'query',
    columnNames: false,
    tolerance: 0.01,
    checks: [{ name: "sums each customer's orders" }],
  },
};

/** state mode: add an email column and fill it. */
export const stateExercise: ExerciseOfKind<'sql'> = {
  ...common,
  id: 'add-email-column',
  title: 'Add an email column',
  kind: 'sql',
  solution: "ALTER TABLE customers ADD COLUMN email text; UPDATE customers SET email = lower(name) || '@example.com';",
  sql: {
    setup: SETUP,
    mode: 'state',
    checks: [
      {
        name: 'customers have an email column',
        probe:
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'email'",
      },
      { name: 'emails are filled in', probe: 'SELECT id, email FROM customers ORDER BY id' },
    ],
  },
};

/** state mode with a serial key: a sequence's nextval() survives a rollback unless put back. */
export const serialExercise: ExerciseOfKind<'sql'> = {
  ...common,
  id: 'add-a-ticket',
  title: 'Add a ticket',
  kind: 'sql',
  solution: "INSERT INTO tickets (title) VALUES ('Printer on fire');",
  sql: {
    setup: `CREATE TABLE tickets (id serial PRIMARY KEY, title text NOT NULL);
      INSERT INTO tickets (title) VALUES ('Login broken'), ('Slow search');`,
    mode: 'state',
    checks: [{ name: 'the new ticket gets the next id', probe: 'SELECT id, title FROM tickets ORDER BY id' }],
  },
};
