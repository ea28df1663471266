/** Personal API tokens for the CLI and scripts: create (shown once), list, delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CliInstall } from '../../../components/ui/cli-install.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { ErrorState, FormError } from '../../../components/ui/query-state.tsx';
import { del, get, post } from '../../../lib/api-client.ts';

interface Token {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

export function TokensCard() {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await get<{ tokens: Token[] }>('/api/tokens')).tokens,
  });
  const create = useMutation({
    mutationFn: () => post<Token & { token: string }>('/api/tokens', { name, scopes: ['read', 'write'] }),
    onSuccess: () => {
      setName('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      {tokens.isError && <ErrorState error={tokens.error} />}
      <ul className="plain-list">
        {tokens.data?.map((t) => (
          <li key={t.id}>
            <span>
              {t.name} · {t.scopes.join(', ')} ·{' '}
              {t.lastUsedAt ? `used ${new Date(t.lastUsedAt).toLocaleDateString()}` : 'never used'}
            </span>
            <button type="button" className="button small danger" onClick={() => remove.mutate(t.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {create.data && (
        <p className="alert success" role="status">
          Copy your new token now; it is not shown again: <code>{create.data.token}</code>
        </p>
      )}
      <form onSubmit={submit}>
        <Field
          label="Token name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          placeholder="my laptop"
        />
        <FormError error={create.error} />
        <button type="submit" className="button" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <CliInstall open />
    </section>
  );
}
