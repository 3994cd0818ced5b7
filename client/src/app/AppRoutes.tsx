import { Route, Routes } from 'react-router';
import { ConnectWisePage } from '../pages/ConnectWisePage';
import { CheckEmailPage } from '../pages/CheckEmailPage';
import { DashboardPage } from '../pages/DashboardPage';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage';
import { ImportPage } from '../pages/ImportPage';
import { ImportRunPage } from '../pages/ImportRunPage';
import { LoginPage } from '../pages/LoginPage';
import { PlaygroundPage } from '../pages/PlaygroundPage';
import { QuickBooksConfigurationPage } from '../pages/QuickBooksConfigurationPage';
import { ResetPasswordPage } from '../pages/ResetPasswordPage';
import { SettingsPage } from '../pages/SettingsPage';
import { SignupPage } from '../pages/SignupPage';
import { VerifyEmailPage } from '../pages/VerifyEmailPage';
import { NotFoundRoute, RedirectIfSignedIn, RequireAuth } from './guards';
import { AppLayout } from './layout/AppLayout';

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/signup"
        element={
          <RedirectIfSignedIn>
            <SignupPage />
          </RedirectIfSignedIn>
        }
      />
      <Route path="/check-email" element={<CheckEmailPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
      <Route
        path="/login"
        element={
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        }
      />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />

      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<DashboardPage />} />
          <Route path="/connectwise" element={<ConnectWisePage />} />
          <Route path="/quickbooks/:id" element={<QuickBooksConfigurationPage />} />
          <Route path="/quickbooks/:id/import" element={<ImportPage />} />
          <Route path="/quickbooks/:id/import/runs/:runId" element={<ImportRunPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/playground" element={<PlaygroundPage />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFoundRoute />} />
    </Routes>
  );
}
