export * from './accounts';
export * from './catalog';
export * from './orders';
export * from './payments';
export * from './gifts';
export * from './notifications';
export * from './prime';
export * from './service';
