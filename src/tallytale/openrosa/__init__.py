"""OpenRosa 1.0 server side: ODK Collect, KoboCollect, Enketo and ODK Web Forms submit
straight to Tallytale. A shell like `api`: it speaks the protocol and calls the surveys and
stories services, which validate and write."""
