import { Component, type ReactNode } from 'react';

/** Shows `fallback(error)` instead of a crashed subtree; `resetKey` changing tries again. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: unknown; fallback: (error: Error) => ReactNode }, { error: Error | null; key: unknown }> {
  override state: { error: Error | null; key: unknown } = { error: null, key: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: unknown }, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
