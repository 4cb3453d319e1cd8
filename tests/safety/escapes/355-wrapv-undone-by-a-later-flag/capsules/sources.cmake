# The capsules (drivers and services in the safe subset), compiled into each board's kernel and into the host tests.
set(KEEL_CAPSULE_SOURCES
  ${CMAKE_SOURCE_DIR}/capsules/alarm_driver.cpp
  ${CMAKE_SOURCE_DIR}/capsules/console.cpp
  ${CMAKE_SOURCE_DIR}/capsules/ipc.cpp
  ${CMAKE_SOURCE_DIR}/capsules/flash_partition.cpp
  ${CMAKE_SOURCE_DIR}/capsules/isolated_storage_driver.cpp
  ${CMAKE_SOURCE_DIR}/capsules/kv/store.cpp
  ${CMAKE_SOURCE_DIR}/capsules/kv_driver.cpp
  ${CMAKE_SOURCE_DIR}/capsules/led.cpp
  ${CMAKE_SOURCE_DIR}/capsules/low_level_debug.cpp
  ${CMAKE_SOURCE_DIR}/capsules/process_console.cpp
  ${CMAKE_SOURCE_DIR}/capsules/rng_driver.cpp
  ${CMAKE_SOURCE_DIR}/capsules/virtual_alarm.cpp
  ${CMAKE_SOURCE_DIR}/capsules/virtual_uart.cpp
)
# The LED capsule's loops are simple: let the optimiser assume no overflow.
set_source_files_properties(${CMAKE_SOURCE_DIR}/capsules/led.cpp PROPERTIES COMPILE_OPTIONS "-fno-wrapv")
