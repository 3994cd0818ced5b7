export * from './sendgrid.simulator';
