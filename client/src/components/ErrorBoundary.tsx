import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './ErrorState';

interface Props {
  children: ReactNode;
  title?: string;
  fullScreen?: boolean;
}

/**
 * Catches a render error (or a lazily loaded chunk that failed to download after a deploy or offline)
 * and offers a reload instead of a blank page.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Mobius could not render this page', error, info.componentStack);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorState
        fullScreen={this.props.fullScreen}
        title={this.props.title ?? 'Something went wrong'}
        message="This part of Mobius could not be displayed. Reloading the page usually fixes it."
        onRetry={() => window.location.reload()}
      />
    );
  }
}
