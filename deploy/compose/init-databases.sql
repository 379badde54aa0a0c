-- One database and one owner per service: no service can read another's tables.
create user incident with password :'incident_password';
create database incident owner incident;
create user casualty with password :'casualty_password';
create database casualty owner casualty;
create user media with password :'media_password';
create database media owner media;
create user gateway with password :'gateway_password';
create database gateway owner gateway;
