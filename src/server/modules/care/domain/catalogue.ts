export * from '../../../../contracts/care.vocab';
