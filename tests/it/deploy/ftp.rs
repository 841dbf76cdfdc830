//! `bantin deploy` to FTP with TLS (`ftps://`), against pyftpdlib on 127.0.0.1.
