declare module 'xmlrpc';
