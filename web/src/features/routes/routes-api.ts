/** The route advisor's one call: `POST /routes/advise`. */
import { useMutation } from '@tanstack/react-query';
import { adviceSchema, type AdviseBody } from '../../../../domain/routes/api.ts';
import { apiPost } from '../../api/client.ts';

/** Asks the advisor; the answer holds the ranked routes and those not available, with reasons. */
export function useAdvise() {
  return useMutation({
    mutationFn: (body: AdviseBody) => apiPost('/routes/advise', adviceSchema, body),
  });
}
