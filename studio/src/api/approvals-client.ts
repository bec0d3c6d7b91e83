/** The runtime's four-eyes API (docs/approvals.md), as the versions page uses it. */
import type { ApiClient } from './client';

export type ApprovalAction =
  | { type: 'publish'; version: number }
  | { type: 'activate'; version: number }
  | { type: 'require-approval'; on: boolean }
  | { type: 'pilot-start'; version: number; townships: string[] }
  | { type: 'pilot-widen'; pilot: number; townships: string[] }
  | { type: 'pilot-promote'; pilot: number };
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'direct';

export interface ApprovalRequest {
  id: number;
  action: ApprovalAction;
  status: ApprovalStatus;
  proposedAt: string;
  proposedBy: string;
  proposedByName: string | null;
  comment: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionComment: string | null;
}

/** What publish and activate answer while the county requires approval (HTTP 202). */
export interface PendingApproval {
  status: 'pending-approval';
  approval: ApprovalRequest;
}

export function isPendingApproval(value: unknown): value is PendingApproval {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'pending-approval';
}

const enc = encodeURIComponent;

export function approvalsApi(api: ApiClient) {
  return {
    list: (county: string) => api.request<{ requireApproval: boolean; approvals: ApprovalRequest[] }>('GET', `/counties/${enc(county)}/approvals?limit=50`),
    decide: (county: string, id: number, decision: 'approve' | 'reject' | 'withdraw', comment: string) =>
      api.request<{ approval: ApprovalRequest }>('POST', `/counties/${enc(county)}/approvals/${id}/${decision}`, comment.trim() ? { comment: comment.trim() } : {}),
    setRequired: (county: string, on: boolean) =>
      api.request<{ requireApproval: boolean; approval: ApprovalRequest | null }>('PUT', `/counties/${enc(county)}/settings/approval`, { requireApproval: on }),
    publish: (county: string, version: number, comment = '') =>
      api.request<{ version: number; status: string } | PendingApproval>('POST', `/counties/${enc(county)}/configs/${version}/publish`, comment.trim() ? { comment: comment.trim() } : {}),
    activate: (county: string, version: number, comment = '') =>
      api.request<{ active: number } | PendingApproval>('POST', `/counties/${enc(county)}/configs/${version}/activate`, comment.trim() ? { comment: comment.trim() } : {}),
  };
}
